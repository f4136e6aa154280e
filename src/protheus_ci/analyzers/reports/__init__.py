"""Reports of a `protheus-ci check` run, one module per format; `formats.FORMATS`
maps each `--format` name to its renderer."""
