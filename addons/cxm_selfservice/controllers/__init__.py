from . import knowledge, main, portal
