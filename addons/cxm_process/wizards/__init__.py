from . import cxm_process_transition_wizard
from . import cxm_process_template_wizard
