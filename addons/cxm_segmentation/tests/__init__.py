from . import test_segmentation, test_ui
