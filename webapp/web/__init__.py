"""Web layer pieces shared by every blueprint: errors, security headers, access checks."""
