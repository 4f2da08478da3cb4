// Loaded before the Decap CMS bundle: newsroom-cms.js starts the editor itself, once it has
// read editor.json (the configuration generated from the site's settings and glossary).
window.CMS_MANUAL_INIT = true;
