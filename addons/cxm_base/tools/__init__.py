from .internal_context import InternalFlag, internal, internal_value
from .text_fold import fold, sql_fold
