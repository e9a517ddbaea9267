"""What the tests share: paths, real-component checks, and builders for apps, plans and logs."""
