from . import masking, signatures
