"""extract stage: attributions and signals from the parse."""
