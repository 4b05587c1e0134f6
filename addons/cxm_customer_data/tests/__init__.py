from . import test_import
from . import test_pipeline
from . import test_ui
