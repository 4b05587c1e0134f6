from . import test_help_oidc
