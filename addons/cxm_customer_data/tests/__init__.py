from . import test_import, test_pipeline
