from . import auth_oauth_provider
