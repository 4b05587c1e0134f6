from .internal_context import InternalFlag, internal, internal_value
from .notification import CLOSE, RELOAD, notification
from .text_fold import fold, sql_fold
