"""The library: importable without Pelican (languages, the content contract, problems, dates,
slugs, glossary, caches, sanitising, addresses)."""
