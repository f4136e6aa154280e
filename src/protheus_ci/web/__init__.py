"""The web layer: the Flask application factory, smart-HTTP git, the JSON API and pages."""
