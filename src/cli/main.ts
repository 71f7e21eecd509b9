console.log('cors-lens', __CORS_LENS_VERSION__);
