"""Static files: compressed, with content hashes in their names, and JS module imports rewritten."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    # Rewrite `import ... from "./x.js"` in our ES modules so they point at the hashed names.
    support_js_module_import_aggregation = True
    manifest_strict = True
