// Starts the GOV.UK Frontend components (details, error summary focus, radios). Pages work without it.
import { initAll } from "./govuk-frontend.min.js";

initAll();
