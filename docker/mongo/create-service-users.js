// Runs once, when the mongo container starts on an empty data volume (docker-entrypoint-initdb.d):
// one user per service, allowed to read and write its own database and nothing else. The passwords
// come from the container's environment (docker-compose.yml takes them from .env).
const serviceDatabases = [
  ['deal-service', 'cosell-deals', 'MONGO_DEAL_SERVICE_PASSWORD'],
  ['referral-service', 'cosell-referrals', 'MONGO_REFERRAL_SERVICE_PASSWORD'],
  ['notification-service', 'cosell-notifications', 'MONGO_NOTIFICATION_SERVICE_PASSWORD'],
  ['expiry-scheduler', 'cosell-expiry', 'MONGO_EXPIRY_SCHEDULER_PASSWORD'],
];

for (const [user, database, passwordVariable] of serviceDatabases) {
  const password = process.env[passwordVariable];
  if (!password) {
    throw new Error(passwordVariable + ' is not set');
  }
  db.getSiblingDB(database).createUser({user: user, pwd: password, roles: [{role: 'readWrite', db: database}]});
}
