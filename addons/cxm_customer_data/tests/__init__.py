from . import test_dedup, test_import, test_pipeline, test_ui
