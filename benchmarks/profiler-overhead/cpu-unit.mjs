// The CPU work of one request in the overhead workloads (case.mjs, async-arms.mjs): recursion,
// object allocation, a string sort and a JSON round trip, like a small request handler.
function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export function cpuUnit() {
  let x = fib(18);
  const rows = [];
  for (let i = 0; i < 200; i++) rows.push({ id: i, name: `user-${(i * 7919) % 1000}`, score: (i * 31) % 97 });
  rows.sort((a, b) => a.name.localeCompare(b.name));
  x += JSON.parse(JSON.stringify(rows)).length;
  return x;
}
