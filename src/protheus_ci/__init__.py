"""protheus-ci: customization CI pipeline and code-quality service for TOTVS Protheus."""

__version__ = "0.1.0"
