/* demo tracker: does nothing */
window.dataLayer = window.dataLayer || [];
