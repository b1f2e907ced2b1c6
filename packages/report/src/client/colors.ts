/** A qualitative palette (Tableau 10): one colour per message or operation type. */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac', '#e15759'];

/** The colour of the i-th type. */
export function typeColor(i: number): string {
  return PALETTE[i % PALETTE.length] as string;
}

/** Fill of a fault window on a time axis, by kind. */
export const WINDOW_FILL: Readonly<Record<string, string>> = {
  partition: 'rgba(214, 69, 69, 0.10)',
  crash: 'rgba(60, 60, 60, 0.16)',
  pause: 'rgba(56, 96, 214, 0.12)',
  'link-fault': 'rgba(237, 201, 72, 0.18)',
  clock: 'rgba(176, 122, 161, 0.12)',
};

/** Operation outcome colours. */
export const STATUS_COLOR = { ok: '#2e9e5b', fail: '#d64545', info: '#e0962a' } as const;

/** Raft roles: the leader stands out; followers are quiet. */
export const RAFT_ROLE_COLOR: Readonly<Record<string, string>> = {
  leader: '#2f6fdb', candidate: '#e8a33d', 'pre-candidate': '#f3d27a', follower: '#c9d2e3',
};

/** Membership status colours. */
export const MEMBER_COLOR: Readonly<Record<string, string>> = {
  alive: '#2e9e5b', suspect: '#edc948', unreachable: '#f28e2b', down: '#d64545', left: '#9aa0a6',
};
