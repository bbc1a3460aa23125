"""Sourcelight: a desktop reader for news articles that shows who says what."""

__version__ = "0.1.0"
APP_NAME = "Sourcelight"
ORG_NAME = "Sourcelight"
