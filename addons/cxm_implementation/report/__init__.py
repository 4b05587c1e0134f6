from . import implementation_document_xlsx
