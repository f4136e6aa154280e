from protheus_ci.cli.main import main

main()
