"""cpchair: run child protection conferences from the chair's laptop."""

__version__ = "0.1.0"
