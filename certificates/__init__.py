"""Certificates printed on pre-printed blanks (in trên phôi): layouts of the blanks, printer
calibration, the print log and the certificate register (số vào sổ). Sits above awards."""
