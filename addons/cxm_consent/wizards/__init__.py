from . import cxm_consent_optin
