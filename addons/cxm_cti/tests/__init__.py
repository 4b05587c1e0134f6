from . import test_cti
