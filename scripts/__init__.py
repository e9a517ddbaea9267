"""Developer scripts: generators for files shipped in the package."""
