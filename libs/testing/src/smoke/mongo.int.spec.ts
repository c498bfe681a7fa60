import mongoose, { Schema, type Connection } from 'mongoose';

import { scratchMongoUrl } from '../isolation';

describe('MongoDB-compatible test server', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await mongoose.createConnection(await scratchMongoUrl('smoke')).asPromise();
  });
  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('enforces a unique index through mongoose and answers queries', async () => {
    const Resident = connection.model(
      'Resident',
      new Schema({ nikHash: { type: String, required: true, unique: true }, kelurahan: String }),
    );
    await Resident.init(); // builds the unique index before the first write

    await Resident.create({ nikHash: 'a1', kelurahan: 'Kandangsapi' });
    await Resident.create({ nikHash: 'b2', kelurahan: 'Trajeng' });
    await expect(Resident.create({ nikHash: 'a1', kelurahan: 'Bukir' })).rejects.toMatchObject({ code: 11000 });

    const found = await Resident.find({ kelurahan: 'Kandangsapi' }).lean();
    expect(found.map((doc) => doc.nikHash)).toEqual(['a1']);
    expect(await Resident.countDocuments()).toBe(2);
  });
});
