// The teacher sign-in form sends the browser's time zone (an IANA name such as "Europe/Berlin");
// FrameLab keeps it when the account has none yet, and the account page can change it.
const field = document.querySelector('input[name="time_zone"]');
if (field) {
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch (error) {
    field.value = '';
  }
}
