from . import test_access
from . import test_phone_region
from . import test_ui
