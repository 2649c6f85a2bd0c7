// Entry point of kplay's page (placeholder until the panes land).
const root = document.getElementById('app') ?? document.body;
root.textContent = 'kplay';
