"""The version of dialoguelib, defined here only (the package, the build and every citation read it)."""

__version__ = "0.1.0"
