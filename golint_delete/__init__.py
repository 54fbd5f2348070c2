"""golint-delete: a build-free static analyzer for Go map mutation bugs."""

__version__ = "0.1.0"
