// Start the NHS.UK design-system components (header menu, error summary focus, ...).
import { initAll } from "/static/nhsuk/nhsuk-frontend.min.js";

initAll();
