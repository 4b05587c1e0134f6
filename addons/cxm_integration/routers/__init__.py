from .base import CxmApiError, CxmRoute, authenticated_instance, instance_env
from .core import router as core_router
