/**
 * A command form in a modal <dialog>: labelled fields, a live preview of how each date will be
 * read, and the API's errors next to the fields they name (or at the top when they name none).
 */
import { ApiError, type Api, type CommandReply } from './api.js';
import { announce, h, uniqueId } from './dom.js';
import { lang, t, type WordKey } from './i18n.js';

export interface FieldSpec {
  /** The body path the API names in its errors: `on`, `location.province`, `sources.0.url`. */
  readonly name: string;
  readonly label: WordKey;
  readonly kind?: 'text' | 'select' | 'date' | 'textarea';
  readonly options?: readonly { value: string; label: string }[];
  readonly required?: boolean;
  readonly value?: string;
  readonly hint?: string;
  /** Shown only while the field named `when[0]` has the value `when[1]`. */
  readonly when?: readonly [string, string];
}

export interface FormSpec {
  readonly title: string;
  readonly fields: readonly FieldSpec[];
  /** Zone the dates are read in (the project's), for the preview. */
  readonly zone?: string;
  readonly send: (values: Record<string, string>) => Promise<CommandReply>;
  readonly done: (reply: CommandReply) => void;
}

/** A source from the optional outlet/url/publishedOn fields, as api.md's `sources`. */
export function sourcesOf(v: Record<string, string>): { sources?: object[] } {
  const outlet = v['sources.0.outlet'];
  if (!outlet) return {};
  const url = v['sources.0.url'];
  const publishedOn = v['sources.0.publishedOn'];
  return { sources: [{ outlet, ...(url && { url }), ...(publishedOn && { publishedOn }) }] };
}

export const sourceFields: readonly FieldSpec[] = [
  { name: 'sources.0.outlet', label: 'f_outlet' },
  { name: 'sources.0.url', label: 'f_url' },
  { name: 'sources.0.publishedOn', label: 'f_publishedOn' },
];

/** Keeps only the non-empty values, so optional fields are left out of the body. */
export const present = (v: Record<string, string>, ...names: string[]): Record<string, string> =>
  Object.fromEntries(names.filter((n) => v[n]).map((n) => [n.split('.').pop()!, v[n]!]));

export function openForm(api: Api, spec: FormSpec): HTMLDialogElement {
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  const errors = new Map<string, HTMLElement>();
  const wrappers: { field: FieldSpec; el: HTMLElement }[] = [];
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });

  const previewDate = (input: HTMLInputElement, output: HTMLOutputElement) => {
    let timer: number | undefined;
    let seq = 0;
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      const text = input.value.trim();
      if (!text) return void (output.textContent = '');
      timer = window.setTimeout(() => {
        const mine = ++seq;
        api
          .get<{ description: { en: string; id: string } }>('/dates/preview', {
            input: text,
            timeZone: spec.zone,
          })
          .then(
            (answer) => {
              if (mine !== seq) return;
              output.className = 'preview';
              output.textContent = `${text} → ${answer.description[lang()]}`;
            },
            (error: unknown) => {
              if (mine !== seq) return;
              output.className = 'preview preview-bad';
              output.textContent = error instanceof ApiError ? error.message : String(error);
            },
          );
      }, 250);
    });
  };

  const fieldEl = (field: FieldSpec): HTMLElement => {
    const id = uniqueId('f');
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    const describedBy = [
      field.hint || field.kind === 'date' ? hintId : '',
      errorId,
      field.kind === 'date' ? `${id}-preview` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const common = {
      id,
      name: field.name,
      'aria-describedby': describedBy,
      required: field.required,
    };
    let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (field.kind === 'select')
      control = h(
        'select',
        common,
        (field.options ?? []).map((o) =>
          h('option', { value: o.value, selected: o.value === field.value }, o.label),
        ),
      );
    else if (field.kind === 'textarea')
      control = h('textarea', { ...common, rows: 2 }, field.value ?? '');
    else
      control = h('input', {
        ...common,
        type: 'text',
        value: field.value ?? '',
        autocomplete: 'off',
      });
    controls.set(field.name, control);
    const error = h('p', { class: 'field-error', id: errorId, 'data-error-for': field.name });
    errors.set(field.name, error);
    const hint = field.kind === 'date' ? t('dateHint') : field.hint;
    const output = h('output', {
      class: 'preview',
      id: `${id}-preview`,
      for: id,
      'aria-live': 'polite',
    });
    if (field.kind === 'date') previewDate(control as HTMLInputElement, output);
    const el = h(
      'div',
      { class: 'field' },
      h(
        'label',
        { for: id },
        t(field.label),
        field.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null,
      ),
      control,
      hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
      field.kind === 'date' ? output : null,
      error,
    );
    wrappers.push({ field, el });
    return el;
  };

  const values = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const { field, el } of wrappers) {
      if (el.hidden) continue;
      out[field.name] = controls.get(field.name)!.value.trim();
    }
    return out;
  };
  const syncVisibility = () => {
    for (const { field, el } of wrappers)
      if (field.when) el.hidden = controls.get(field.when[0])?.value !== field.when[1];
  };
  const clearErrors = () => {
    formError.hidden = true;
    formError.textContent = '';
    for (const [name, el] of errors) {
      el.textContent = '';
      controls.get(name)?.removeAttribute('aria-invalid');
    }
  };
  /** The field an issue names: itself, or the nearest field below or above its path. */
  const fieldFor = (path: string): string | undefined => {
    if (errors.has(path)) return path;
    for (const name of errors.keys())
      if (name.startsWith(`${path}.`) || path.startsWith(`${name}.`)) return name;
    return undefined;
  };
  const showError = (error: unknown) => {
    if (!(error instanceof ApiError))
      return void ((formError.textContent = String(error)), (formError.hidden = false));
    let first: string | undefined;
    const unplaced: string[] = [];
    for (const issue of error.issues) {
      const name = fieldFor(issue.path);
      if (name === undefined || wrappers.find((w) => w.field.name === name)?.el.hidden) {
        unplaced.push(`${issue.path}: ${issue.message}`);
        continue;
      }
      errors.get(name)!.textContent = issue.message;
      controls.get(name)!.setAttribute('aria-invalid', 'true');
      first ??= name;
    }
    if (error.issues.length === 0 || unplaced.length > 0) {
      formError.textContent =
        error.code === 'unreachable'
          ? t('unreachable')
          : unplaced.length > 0
            ? unplaced.join('; ')
            : error.message;
      formError.hidden = false;
    }
    (first ? controls.get(first)! : formError).focus?.();
  };

  const submit = h('button', { type: 'submit', class: 'primary' }, t('save'));
  const form = h(
    'form',
    { method: 'dialog', novalidate: true },
    h('h2', {}, spec.title),
    formError,
    spec.fields.map(fieldEl),
    h(
      'div',
      { class: 'buttons' },
      submit,
      h('button', { type: 'button', value: 'close', onclick: () => dialog.close() }, t('close')),
    ),
  );
  const dialog = h('dialog', { class: 'form-dialog', 'aria-label': spec.title }, form);
  form.addEventListener('change', syncVisibility);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors();
    submit.disabled = true;
    submit.textContent = t('saving');
    spec
      .send(values())
      .then(
        (reply) => {
          dialog.close();
          announce(t('saved'));
          spec.done(reply);
        },
        (error: unknown) => showError(error),
      )
      .finally(() => {
        submit.disabled = false;
        submit.textContent = t('save');
      });
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  syncVisibility();
  dialog.showModal();
  return dialog;
}
