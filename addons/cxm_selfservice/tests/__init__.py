from . import (
    test_help_api,
    test_help_designer,
    test_help_embed,
    test_help_http,
    test_help_knowledge,
    test_help_privacy,
    test_help_sso,
    test_help_tour,
    test_intake,
)
