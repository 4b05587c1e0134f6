from . import mailing_mailing, mailing_trace, res_config_settings
