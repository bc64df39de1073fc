// Start the NHS.UK frontend components (header menu, error summary focus, character counts, …).
import { initAll } from "../vendor/nhsuk-frontend-10.6.1/nhsuk-frontend-10.6.1.min.js";

initAll();
