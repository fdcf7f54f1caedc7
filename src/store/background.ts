import { createBackground } from "./simClient";

/** The app's one background simulation worker (gallery checks, checks over seeds); started on first use. */
export const background = createBackground();
