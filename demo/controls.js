// Demo switches: the widget's layout, theme and language, changed live and kept in the URL
// (?layout=button&theme=dark&lang=ar) so a view can be linked to, and screenshotted.
const widget = document.getElementById('widget');
const SWITCHES = {
  layout: { inline: 'Inline card', button: 'Button with popover' },
  theme: { light: 'Light', dark: 'Dark', auto: 'Follow the system' },
  lang: { en: 'English', es: 'Español', fr: 'Français', de: 'Deutsch', 'pt-BR': 'Português (Brasil)', ja: '日本語', ar: 'العربية' },
};
const params = new URLSearchParams(location.search);

for (const [name, options] of Object.entries(SWITCHES)) {
  const select = document.getElementById(`switch-${name}`);
  for (const [value, label] of Object.entries(options)) select.add(new Option(label, value));
  const wanted = params.get(name);
  select.value = wanted in options ? wanted : Object.keys(options)[0];
  widget.setAttribute(name, select.value);
  select.addEventListener('change', () => {
    widget.setAttribute(name, select.value);
    const url = new URL(location.href);
    url.searchParams.set(name, select.value);
    history.replaceState(null, '', url);
  });
}
