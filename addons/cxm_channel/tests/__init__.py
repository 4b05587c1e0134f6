from . import test_conversation
from . import test_intake_recovery
