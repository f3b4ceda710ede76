/**
 * The dashboard's entry: loads the vocabulary, restores the session, draws the top bar (sign-in,
 * language, live state), routes between the portfolio and a project (`/?project=<id>`), and
 * follows the live stream.
 */
import { ApiError } from './api.js';
import { announce, fill, h } from './dom.js';
import { lang, setLang, setVocabulary, t, type Lang, type Vocabulary } from './i18n.js';
import { followUpdates, type LiveState } from './live.js';
import { portfolioPage } from './portfolioPage.js';
import { projectPage } from './projectPage.js';
import { Session } from './session.js';
import { LIVE_CHANGED, type Page } from './widgets.js';

interface DashboardConfig {
  commandUrl: string | null;
  vocabulary: Vocabulary;
}

const topBar = document.getElementById('top') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;
let session: Session;
let page: Page | null = null;
let live: { stop(): void } | null = null;
let liveState: LiveState = 'offline';

function navigate(url: string): void {
  window.history.pushState(null, '', url);
  route();
  main.focus();
}

function route(): void {
  page?.dispose();
  page = null;
  if (!session.me) return void fill(main, h('p', { class: 'intro' }, t('needSignIn')));
  if (!session.canRead) return void fill(main, h('p', { class: 'intro' }, t('cannotRead')));
  const projectId = new URLSearchParams(window.location.search).get('project');
  page = projectId ? projectPage(main, session, projectId) : portfolioPage(main, session, navigate);
  drawLiveState();
}

function startLive(): void {
  live?.stop();
  live = followUpdates({
    token: () => session.token,
    onState: (state) => {
      liveState = state;
      drawLiveState();
    },
    onChange: ({ projectId, position }) => {
      if (page?.live) page.onChange(projectId, position);
    },
    onResync: () => {
      if (page?.live) void page.refresh();
    },
  });
}

function drawLiveState(): void {
  const el = document.getElementById('live-state');
  if (!el) return;
  const paused = liveState === 'live' && page !== null && !page.live;
  el.className = `live live-${paused ? 'paused' : liveState}`;
  el.textContent = paused ? t('paused') : t(liveState);
}

function signInForm(): HTMLElement {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'token-hint token-error',
  });
  const error = h('p', { class: 'field-error', id: 'token-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'sign-in', 'aria-label': t('signIn') },
    h('label', { for: 'token' }, t('token')),
    input,
    h('button', { type: 'submit', class: 'primary' }, t('signIn')),
    h('p', { class: 'hint', id: 'token-hint' }, t('tokenHint')),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    session.signIn(input.value).then(
      () => {
        drawTop();
        route();
        startLive();
        announce(
          t('signedInAs', { actor: session.me!.actor, roles: session.me!.roles.join(', ') }),
        );
      },
      (e: unknown) => {
        error.textContent = e instanceof ApiError && e.status === 401 ? t('badToken') : String(e);
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      },
    );
  });
  return form;
}

function drawTop(): void {
  const languages = h(
    'div',
    { class: 'lang', role: 'group', 'aria-label': t('language') },
    (['id', 'en'] as Lang[]).map((code) =>
      h(
        'button',
        {
          type: 'button',
          lang: code,
          'data-lang': code,
          'aria-pressed': lang() === code ? 'true' : 'false',
          onclick: () => {
            setLang(code);
            drawTop();
            page?.render();
            drawLiveState();
          },
        },
        code === 'id' ? 'Bahasa Indonesia' : 'English',
      ),
    ),
  );
  const me = session.me;
  fill(
    topBar,
    h('a', { class: 'brand', href: '/', 'data-nav': '' }, t('appTitle')),
    languages,
    me ? h('span', { id: 'live-state', role: 'status', class: 'live' }) : null,
    me
      ? h(
          'div',
          { class: 'who' },
          h(
            'span',
            { id: 'who' },
            t('signedInAs', { actor: me.actor, roles: me.roles.join(', ') }),
          ),
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                live?.stop();
                session.signOut();
                drawTop();
                route();
              },
            },
            t('signOut'),
          ),
        )
      : signInForm(),
  );
  const skip = document.querySelector('.skip');
  if (skip) skip.textContent = t('skip');
  document.title = t('appTitle');
  drawLiveState();
}

async function start(): Promise<void> {
  setLang(lang());
  const res = await fetch('/dashboard/config');
  const config = (await res.json()) as DashboardConfig;
  setVocabulary(config.vocabulary);
  session = new Session(config.commandUrl);
  if (session.token) await session.restore().catch(() => session.signOut());
  // A token refused later (revoked, expired): back to the sign-in form.
  session.api.onUnauthorized = () => {
    if (!session.me) return;
    live?.stop();
    session.signOut();
    drawTop();
    route();
  };
  drawTop();
  route();
  if (session.me) startLive();
  window.addEventListener('popstate', route);
  document.addEventListener(LIVE_CHANGED, drawLiveState);
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest?.('a[data-nav]');
    if (
      !(link instanceof HTMLAnchorElement) ||
      event.ctrlKey ||
      event.metaKey ||
      event.shiftKey ||
      event.button !== 0
    )
      return;
    event.preventDefault();
    navigate(link.getAttribute('href') ?? '/');
  });
  document.body.dataset['ready'] = 'true';
}

void start();
