from . import test_routing
