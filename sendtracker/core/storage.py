from whitenoise.storage import CompressedManifestStaticFilesStorage


class ModuleAwareManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files whose ES module imports get hashed names too."""

    support_js_module_import_aggregation = True
