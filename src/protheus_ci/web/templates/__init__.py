"""Jinja2 templates of the server-rendered pages (a package so that they ship in wheels)."""
