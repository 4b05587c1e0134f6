from .internal_context import InternalFlag, internal, internal_value
