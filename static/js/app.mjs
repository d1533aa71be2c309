// Starts GOV.UK Frontend's components. Pages work without it.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
