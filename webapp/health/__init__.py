"""The health endpoint that load balancers and monitoring poll."""
